import type { RoomInfo } from "../http/routes/room-info.js";

/** Stream qualities, best first. `origin` is the broadcaster's own upload. */
export const videoQualities = ["origin", "uhd", "hd", "sd", "ld"] as const;
export type VideoQuality = (typeof videoQualities)[number];

/** `stream_url.flv_pull_url` keys as TikTok names them, by quality. */
const pullUrlKeys: Record<string, VideoQuality> = {
  FULL_HD1: "uhd",
  HD1: "hd",
  SD1: "sd",
  SD2: "ld",
};

interface StreamUrlField {
  flv_pull_url?: Record<string, unknown>;
  live_core_sdk_data?: { pull_data?: { stream_data?: unknown } };
}

interface SdkStreamData {
  data?: Record<string, { main?: { flv?: unknown } }>;
}

function httpUrl(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The FLV URLs of a room by quality, from room info's `stream_url`: the
 * `live_core_sdk_data` pull data (a JSON string that has `origin` too) first,
 * then the older `flv_pull_url` map. Anything that is not an http(s) URL is ignored.
 */
export function flvStreamUrls(info: RoomInfo): Map<VideoQuality, string> {
  const urls = new Map<VideoQuality, string>();
  const field = info.stream_url as StreamUrlField | undefined;
  if (!field || typeof field !== "object") return urls;
  const raw = field.live_core_sdk_data?.pull_data?.stream_data;
  if (typeof raw === "string") {
    try {
      const parsed = JSON.parse(raw) as SdkStreamData;
      for (const quality of videoQualities) {
        const url = httpUrl(parsed.data?.[quality]?.main?.flv);
        if (url) urls.set(quality, url);
      }
    } catch {
      // A malformed pull-data string leaves flv_pull_url to answer.
    }
  }
  for (const [key, quality] of Object.entries(pullUrlKeys)) {
    const url = httpUrl(field.flv_pull_url?.[key]);
    if (url && !urls.has(quality)) urls.set(quality, url);
  }
  return urls;
}

/**
 * The URL for the wanted quality, or the best one below it, or failing that
 * the best one there is: a stream without an `hd` rendition still records.
 */
export function pickStream(
  urls: Map<VideoQuality, string>,
  wanted: VideoQuality,
): { quality: VideoQuality; url: string } | undefined {
  const from = videoQualities.indexOf(wanted);
  const order = [...videoQualities.slice(from), ...videoQualities.slice(0, from).reverse()];
  for (const quality of order) {
    const url = urls.get(quality);
    if (url) return { quality, url };
  }
  return undefined;
}
