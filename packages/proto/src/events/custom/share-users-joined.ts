import type { SocialEvent } from "../../gen/events/social.js";

/**
 * TikTok says how many viewers a share brought in only inside the display
 * text key of the social message: `pm_mt_guidance_viewer_<n>_share`. A plain
 * share (`pm_mt_guidance_share`) carries no count, and no field of the
 * message does.
 */
const usersJoinedKey = /^pm_mt_guidance_viewer_(\d{1,9})_share$/;

/**
 * How many users joined through this share, where TikTok says so (the Python
 * client's `ShareEvent.users_joined`); `undefined` for a share without a count.
 * `ShareEvent` has it as the property `usersJoined`; this function reads it from
 * any social message, e.g. in a `SocialEvent` listener.
 *
 * @example
 * client.on(SocialEvent, (e) => console.log(shareUsersJoined(e) ?? "no count"));
 */
export function shareUsersJoined(event: Pick<SocialEvent, "common">): number | undefined {
  const match = usersJoinedKey.exec(event.common.displayText?.key ?? "");
  return match ? Number(match[1]) : undefined;
}
