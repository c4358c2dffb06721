import { LinliError } from "@linli/protocols";

/** Why an uplink connection failed, as coded errors whose message says what to check. */

export function refusesProtocol(failure: unknown): boolean {
  const code = (failure as { code?: unknown } | undefined)?.code;
  // 1: 3.1.1 "unacceptable protocol version" (what aedes answers); 132: MQTT 5 "unsupported".
  return code === 1 || code === 132;
}

const CREDENTIAL_CODES = new Set<unknown>([4, 5, 134, 135]);
const TLS_CODE = /CERT|SELF_SIGNED|TLS|SSL|UNABLE_TO|ALTNAME/;

/** Failures that retrying with the same settings will not cure. */
const SETTLED_CODES = new Set(["LINLI_ERR_UPLINK_CREDENTIALS_REFUSED", "LINLI_ERR_UPLINK_TLS"]);

/** True when the broker refused these settings themselves (credentials, TLS), not the network. */
export function refusesSettings(error: { code?: string } | undefined): boolean {
  return error?.code !== undefined && SETTLED_CODES.has(error.code);
}

/** Why a connection failed or ended, as a code and a sentence saying what to check. */
export function describeFailure(
  failure: unknown,
  url: string,
  wasConnected: boolean,
  user?: string,
): LinliError {
  const code = (failure as { code?: unknown } | undefined)?.code;
  const detail = failure instanceof Error ? failure.message : "closed";
  const error = (errorCode: `LINLI_ERR_UPLINK_${string}`, message: string) =>
    new LinliError(errorCode, message, failure === undefined ? {} : { cause: failure });
  if (CREDENTIAL_CODES.has(code)) {
    const who = user ? ` (user "${user}")` : "";
    return error(
      "LINLI_ERR_UPLINK_CREDENTIALS_REFUSED",
      `the broker at ${url} refused this kiosk's credentials${who} (${detail}): check uplink.username and uplink.password or uplink.passwordFile, and the broker's user list`,
    );
  }
  if (typeof code === "string" && TLS_CODE.test(code)) {
    return error(
      "LINLI_ERR_UPLINK_TLS",
      `the broker at ${url} failed TLS verification (${code}): check uplink.ca (the CA that signed the broker's certificate) and that the URL's host name matches the certificate`,
    );
  }
  if (wasConnected) {
    return error(
      "LINLI_ERR_UPLINK_CONNECTION_LOST",
      `the connection to the broker at ${url} was lost (${detail}); retrying`,
    );
  }
  if (typeof code === "string") {
    return error(
      "LINLI_ERR_UPLINK_UNREACHABLE",
      `cannot reach the broker at ${url} (${code}): check the network and uplink.url; retrying`,
    );
  }
  return error(
    "LINLI_ERR_UPLINK_REFUSED",
    `the broker at ${url} refused or closed the connection (${detail}); retrying`,
  );
}

export function publishRefused(topic: string, error: Error): LinliError {
  return new LinliError(
    "LINLI_ERR_UPLINK_PUBLISH_REFUSED",
    `the broker refused a publish to ${topic} (${error.message}): check the broker's ACL for this kiosk`,
    { cause: error, details: { reasonCode: (error as { code?: unknown }).code } },
  );
}

export function subscribeRefused(topic: string, cause: unknown): LinliError {
  return new LinliError(
    "LINLI_ERR_UPLINK_SUBSCRIBE_REFUSED",
    `the broker refused the subscription to ${topic}: check the broker's ACL for this kiosk`,
    { cause },
  );
}

/** The broker URL without credentials, fit for logs and command results. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = "";
    parsed.password = "";
    return parsed.toString().replace(/\/$/, "");
  } catch {
    return "(unparsable uplink.url)";
  }
}
