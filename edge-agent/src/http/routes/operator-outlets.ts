import { LinliError } from "@linli/protocols";
import Type from "typebox";
import { importOutlets } from "../../outlets/import/pipeline.js";
import type { OutletRepository } from "../../outlets/repository.js";
import type { HttpApp } from "../types.js";
import type { OperatorGuard } from "./ratings.js";

const FILE_TYPES = ["text/csv", "application/geo+json", "application/octet-stream"];
const MAX_FILE_BYTES = 32 * 1024 * 1024;

const ImportQuery = Type.Object(
  {
    format: Type.Optional(Type.Union([Type.Literal("csv"), Type.Literal("geojson")])),
    datum: Type.Optional(
      Type.Union([Type.Literal("gcj02"), Type.Literal("bd09"), Type.Literal("wgs84")]),
    ),
    encoding: Type.Optional(
      Type.Union([Type.Literal("utf-8"), Type.Literal("gbk"), Type.Literal("gb18030")]),
    ),
    replace: Type.Optional(Type.Boolean({ description: "make the file the whole outlet set" })),
    name: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 120,
        description: "the file's name, for the import log",
      }),
    ),
  },
  { additionalProperties: false },
);

const ImportSummary = Type.Object({
  source: Type.String(),
  format: Type.String(),
  encoding: Type.String(),
  datum: Type.String(),
  mode: Type.String(),
  loaded: Type.Integer(),
  rejected: Type.Array(Type.Object({ line: Type.Integer(), reason: Type.String() })),
  unknownCategories: Type.Array(
    Type.Object({ value: Type.String(), lines: Type.Array(Type.Integer()) }),
  ),
});

/**
 * Outlet data import for operators: the body is the CSV or GeoJSON file
 * itself. Bad rows are reported with their line and the good ones load, in
 * one transaction; the search index rebuilds when the store changes.
 */
export function outletImportRoutes(options: {
  repository: OutletRepository;
  guard: OperatorGuard;
}) {
  return async (app: HttpApp): Promise<void> => {
    app.addHook("onRequest", options.guard);
    app.addContentTypeParser(
      FILE_TYPES,
      { parseAs: "buffer", bodyLimit: MAX_FILE_BYTES },
      (_request, body, done) => done(null, body),
    );
    app.post(
      "/operator/outlets/import",
      {
        bodyLimit: MAX_FILE_BYTES,
        schema: {
          summary: "Import outlet data (CSV or GeoJSON, UTF-8 or GBK) into the store",
          tags: ["operator", "outlets"],
          querystring: ImportQuery,
          response: { 200: ImportSummary },
        },
      },
      async (request) => {
        const body = request.body;
        if (!Buffer.isBuffer(body) || body.length === 0) {
          throw new LinliError(
            "LINLI_ERR_IMPORT_EMPTY",
            `send the file itself as the body, with Content-Type ${FILE_TYPES.join(" or ")}`,
            { status: 400 },
          );
        }
        const { format, datum, encoding, replace, name } = request.query;
        const result = importOutlets(options.repository, new Uint8Array(body), {
          format,
          datum,
          encoding,
          mode: replace ? "replace" : "merge",
          sourceName: name ?? "operator upload",
        });
        return result;
      },
    );
  };
}
