import Type, { type Static } from "typebox";

/** What every failed API call answers. */
export const ErrorResponse = Type.Object(
  {
    code: Type.String({ pattern: "^LINLI_ERR_[A-Z0-9_]+$" }),
    message: Type.String(),
    details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { $id: "ErrorResponse" },
);
export type ErrorResponse = Static<typeof ErrorResponse>;
