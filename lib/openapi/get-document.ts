import { buildOpenApiDocument, type OpenApiDocument } from "@/lib/openapi/build-document";

// Built once per process: the document depends only on code.
let cached: OpenApiDocument | undefined;

export const getOpenApiDocument = (): OpenApiDocument => (cached ??= buildOpenApiDocument());
