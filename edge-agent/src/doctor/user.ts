import { execFile } from "node:child_process";
import { userInfo } from "node:os";

/** A local user as `id` sees it, so NSS sources (LDAP, sssd) count as well as /etc/group. */
export interface UserInfo {
  name: string;
  uid: number;
  gid: number;
  groups: { name: string; gid: number }[];
}

/** Looks a user up by name; undefined when there is no such user. */
export type UserLookup = (name: string) => Promise<UserInfo | undefined>;

/** The user the installer creates and the service runs as. */
export const SERVICE_USER = "linli";

const ID_LINE = /^uid=(\d+)\(([^)]*)\)\s+gid=(\d+)(?:\([^)]*\))?(?:\s+groups=(.*))?$/;

/** Parses `id NAME`: "uid=998(linli) gid=998(linli) groups=998(linli),20(dialout)". */
export function parseIdOutput(output: string): UserInfo | undefined {
  const match = ID_LINE.exec(output.trim());
  if (!match) return undefined;
  const groups = (match[4] ?? "")
    .split(",")
    .filter(Boolean)
    .map((entry) => {
      const group = /^(\d+)(?:\(([^)]*)\))?$/.exec(entry.trim());
      return { gid: Number(group?.[1]), name: group?.[2] ?? String(group?.[1]) };
    });
  return { uid: Number(match[1]), name: match[2] ?? "", gid: Number(match[3]), groups };
}

export const lookupUserWithId: UserLookup = (name) =>
  new Promise((resolve) => {
    execFile("id", ["--", name], { timeout: 5_000 }, (error, stdout) =>
      resolve(error ? undefined : parseIdOutput(stdout)),
    );
  });

export interface AgentUser {
  /** The user the checks are made for. */
  name: string;
  info: UserInfo | undefined;
  /** How it was chosen, for the finding. */
  why: string;
}

/**
 * Whose view the checks take: the user asked for; else, when run as root on
 * an installed kiosk, the service's user (root can open anything, the
 * service cannot); else whoever runs the doctor (a developer running the agent
 * as themselves).
 */
export async function resolveAgentUser(
  requested: string | undefined,
  lookup: UserLookup,
  current: string = userInfo().username,
): Promise<AgentUser> {
  if (requested) return { name: requested, info: await lookup(requested), why: "--user" };
  const me = await lookup(current);
  if (me?.uid === 0) {
    const service = await lookup(SERVICE_USER);
    if (service) return { name: SERVICE_USER, info: service, why: "the service's user" };
  }
  return { name: current, info: me, why: "the user running the doctor" };
}
