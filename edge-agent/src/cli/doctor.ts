import { type DoctorOptions, type Finding, runDoctor } from "../doctor/index.js";
import { ExitCode } from "../exit-codes.js";

export type { DoctorOptions, Finding };

/** One line a finding; what to do on the line below it. */
export function formatFindings(findings: readonly Finding[]): string {
  const width = Math.max(...findings.map((finding) => finding.check.length));
  return findings
    .map((finding) => {
      const line = `${finding.ok ? "✓" : "✗"} ${finding.check.padEnd(width)}  ${finding.detail}`;
      return finding.fix ? `${line}\n  ${" ".repeat(width)}  → ${finding.fix}` : line;
    })
    .join("\n");
}

export async function doctorCommand(options: DoctorOptions): Promise<void> {
  const findings = await runDoctor(options);
  process.stdout.write(
    options.json ? `${JSON.stringify(findings, null, 2)}\n` : `${formatFindings(findings)}\n`,
  );
  if (findings.some((finding) => !finding.ok)) process.exitCode = ExitCode.failure;
}
