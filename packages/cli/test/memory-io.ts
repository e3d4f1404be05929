import type { Io } from "../src/io.js";

/** An Io that keeps everything a command prints, and lets a test press Ctrl-C. */
export interface MemoryIo extends Io {
  readonly lines: { out: string[]; err: string[] };
  /** The registered Ctrl-C handler, if one is registered right now. */
  interruptHandler: (() => void) | undefined;
  /** Called with every stdout line as it is written. */
  onOut?: (line: string) => void;
  interrupt(): void;
  text(): string;
}

export function memoryIo(env: Record<string, string | undefined> = {}): MemoryIo {
  const io: MemoryIo = {
    lines: { out: [], err: [] },
    interruptHandler: undefined,
    env,
    isTTY: false,
    out(line) {
      io.lines.out.push(line);
      io.onOut?.(line);
    },
    err(line) {
      io.lines.err.push(line);
    },
    onInterrupt(handler) {
      io.interruptHandler = handler;
      return () => {
        if (io.interruptHandler === handler) io.interruptHandler = undefined;
      };
    },
    interrupt() {
      if (!io.interruptHandler) throw new Error("no interrupt handler registered");
      io.interruptHandler();
    },
    text() {
      return [...io.lines.out, ...io.lines.err].join("\n");
    },
  };
  return io;
}

export interface JsonEvent {
  event: string;
  reason?: string;
  data?: {
    user?: { nickname?: string };
    content?: string;
    gift?: { name?: string };
    repeatCount?: number;
  };
  [key: string]: unknown;
}

export function parseNdjson(lines: string[]): JsonEvent[] {
  return lines.map((line) => JSON.parse(line) as JsonEvent);
}
