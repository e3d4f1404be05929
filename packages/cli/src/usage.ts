export const usage = `tiktok-live — watch TikTok LIVE streams from the terminal

Usage:
  tiktok-live watch @user [options]     Print a stream's events as they happen
  tiktok-live replay <file> [options]   Play a recording (made with --record) through the client
  tiktok-live audit <file> [--json]     Compare a recording's messages with the schema: unknown
                                        fields, wire-type conflicts, methods without a codec
  tiktok-live simulate [options]        Run the loopback TikTok LIVE simulator
  tiktok-live --help | --version

Watch / replay options:
  --json                 One JSON object per event (NDJSON) instead of pretty lines
  --events a,b,…         Only these events (names as in client.on, e.g. comment,gift,like)
  --record <file>        Save every frame received, for replay
  --simulate [scenario]  Watch the embedded simulator instead of TikTok (default scenario: showcase)
  --speed <n>            Simulator/replay time scale: 1 real time, 0 as fast as possible (default 1)
  --session-id <id>      Session cookie for 18+ rooms (or env TIKTOK_SESSION_ID); never printed
  --sign-api-key <key>   Sign server API key (or env SIGN_API_KEY); never printed
  --no-color             Plain output (also NO_COLOR=1)

Simulate options:
  --scenario <name>      Scenario to run once a client enters (showcase, e2e)
  --port <n>             Port to listen on (default: a free one)
  --api-key <key>        Require this X-Api-Key at the sign server

Exit codes: 0 ok (stream ended or Ctrl-C), 1 failure, 2 bad usage, 3 user not found, 4 user offline, 5 blocked by TikTok.`;
