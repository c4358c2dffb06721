import { AGENT_USERNAME } from "../broker/agent-credential.js";
import { isLoopbackHost } from "../broker/loopback.js";
import { invalidFilter } from "../broker/topic-filter.js";
import { parseSecretHash } from "../secret-hash.js";
import type { ConfigProblem } from "./checks.js";
import type { Config } from "./schema.js";

/**
 * The embedded broker's users and how far it is reachable: a broker bound
 * beyond loopback without users would let any device on that network
 * publish device commands, so that needs users or an explicit opt-out.
 */
export function brokerProblems(broker: Config["broker"]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const names = new Set<string>();
  for (const [index, user] of broker.users.entries()) {
    const at = ["broker", "users", String(index)];
    const key = `broker.users[${index}]`;
    if (user.username === AGENT_USERNAME) {
      problems.push({
        path: [...at, "username"],
        text: `${key}.username "${AGENT_USERNAME}" is reserved for the agent's own clients: choose another name`,
      });
    } else if (names.has(user.username)) {
      problems.push({
        path: [...at, "username"],
        text: `${key}.username "${user.username}" is used twice: user names must be unique`,
      });
    }
    names.add(user.username);
    if (!parseSecretHash(user.passwordHash)) {
      problems.push({
        path: [...at, "passwordHash"],
        text: `${key}.passwordHash is not a hash made by "linli hash-secret": run echo -n 'the password' | linli hash-secret, and paste its whole output (scrypt$16384$8$1$<salt>$<key>)`,
      });
    }
    for (const list of ["publish", "subscribe"] as const) {
      for (const [position, filter] of user[list].entries()) {
        const why = invalidFilter(filter);
        if (why) {
          problems.push({
            path: [...at, list, String(position)],
            text: `${key}.${list}[${position}] "${filter}" is not an MQTT topic filter: ${why}`,
          });
        }
      }
    }
  }
  if (broker.allowAnonymous && broker.users.length > 0) {
    problems.push({
      path: ["broker", "allowAnonymous"],
      text: "broker.allowAnonymous is true but broker.users is not empty: with users every client must sign in, so remove allowAnonymous (or the users)",
    });
  }
  if (
    broker.enabled &&
    !isLoopbackHost(broker.host) &&
    broker.users.length === 0 &&
    !broker.allowAnonymous
  ) {
    problems.push({
      path: ["broker", "host"],
      text: `broker.host "${broker.host}" is reachable beyond this machine, but broker.users is empty: any device on that network could publish device commands. Add broker.users (made with "linli hash-secret"), listen on 127.0.0.1, or set broker.allowAnonymous: true on an isolated network`,
    });
  }
  return problems;
}
