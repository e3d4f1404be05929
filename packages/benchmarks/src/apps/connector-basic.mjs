// The seed example (examples/node/basic.ts) written for tiktok-live-connector, as its README does, to compare
// bundled sizes. Plain JavaScript: the connector's typings hide its EventEmitter methods.
import { TikTokLiveConnection, WebcastEvent } from "tiktok-live-connector";

const connection = new TikTokLiveConnection(process.argv[2] ?? "username");
connection.on(WebcastEvent.CHAT, (data) => {
  console.log(`${data.user?.nickname} -> ${data.comment}`);
});
const state = await connection.connect();
console.log(`Connected to roomId ${state.roomId}`);
