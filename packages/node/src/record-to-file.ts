import { createWriteStream } from "node:fs";
import { Writable } from "node:stream";

/** Opens `path` for writing (replacing it) as a web WritableStream and hands it to `record`. */
export async function recordToFile<T>(
  path: string,
  record: (target: WritableStream<Uint8Array>) => Promise<T>,
): Promise<T> {
  const file = createWriteStream(path, { flags: "w" });
  await new Promise<void>((resolve, reject) => {
    file.once("open", () => resolve());
    file.once("error", reject);
  });
  const closed = new Promise<void>((resolve) => file.once("close", () => resolve()));
  try {
    return await record(Writable.toWeb(file) as WritableStream<Uint8Array>);
  } finally {
    // The recorder closes or aborts the stream; wait until the file is flushed and closed.
    if (!file.closed) file.end();
    await closed;
  }
}
