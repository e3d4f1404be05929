export const usage = `tiktok-live — watch TikTok LIVE streams from the terminal

Usage:
  tiktok-live watch @user [options]     Print a stream's events as they happen
  tiktok-live check @a @b …             Print who is live now (one batch check)
  tiktok-live record @user -o live.flv  Save the LIVE's video (FLV) until it ends or Ctrl-C
  tiktok-live replay <file> [options]   Play a recording (made with --record) through the client
  tiktok-live audit <file> [--json]     Compare a recording's messages with the schema: unknown
                                        fields, wire-type conflicts, methods without a codec
  tiktok-live simulate [options]        Run the loopback TikTok LIVE simulator
  tiktok-live fleet worker [--nats url]  Watch rooms of the fleet, publish their events to NATS JetStream
  tiktok-live fleet add|remove @user    Add a room to the fleet (--base-url for a simulator or proxy) or remove it
  tiktok-live fleet ls [--json]         Rooms, owning workers, states and events/s
  tiktok-live fleet tail [--json]       Every event of the fleet as it arrives
  tiktok-live fleet dashboard [--port]  A live web page of the fleet (default port 8090)
  tiktok-live --help | --version

Watch / replay options:
  --json                 One JSON object per event (NDJSON) instead of pretty lines; errors too
  --events a,b,…         Only these events (names as in client.on, e.g. comment,gift,like)
  --record <file>        Save every frame received, for replay
  --wait                 Wait for the user to go live instead of failing (also for record)
  --interval <s>         Seconds between live checks with --wait (default 30, at least 5 on TikTok)
  --simulate [scenario]  Watch the embedded simulator instead of TikTok (default scenario: showcase)
  --speed <n>            Simulator/replay time scale: 1 real time, 0 as fast as possible (default 1)
  --session-id <id>      Session cookie for 18+ rooms (or env TIKTOK_SESSION_ID); never printed
  --sign-api-key <key>   Sign server API key (or env SIGN_API_KEY); never printed
  --no-color             Plain output (also NO_COLOR=1)

Record options:
  -o, --output <file>    The FLV file to write (replaced if it exists); ffmpeg -i live.flv -c copy live.mp4 remuxes it
  --quality <q>          origin, uhd, hd, sd or ld (default origin; the next one down when missing)

Simulate options:
  --scenario <name>      Scenario to run once a client enters (showcase, e2e)
  --port <n>             Port to listen on (default: a free one)
  --api-key <key>        Require this X-Api-Key at the sign server
  --fault <name>         Misbehave on purpose (repeatable): accept-and-drop, push-host-elsewhere, … (see the testkit guide)
  --live-after-polls <n> Start offline and go live after n checks of the live page

Fleet options:
  --nats <url>           NATS server (or env NATS_URL; default nats://127.0.0.1:4222)
  --lease-ttl <ms>       Worker: a room moves to another worker this long after its worker died (default 15000)
  --worker-id <id>       Worker: its name in the fleet (default random)
  --budget <n>           Worker: requests/s to the sign server and lookups for the whole fleet (default 5)
  --poll <ms>            Worker: how often rooms that are not live are polled (default 60000, jittered)

Exit codes: 0 ok (stream ended or Ctrl-C; check: someone is live), 1 failure, 2 bad usage, 3 user not found,
4 user offline (check: nobody is live), 5 blocked by TikTok.`;
