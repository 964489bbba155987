import "server-only";
import { GetExportCommand } from "@aws-sdk/client-api-gateway";
import { apiGatewayClient } from "@/lib/aws/clients";

/**
 * The stage's OpenAPI 3.0 document (GetExport, JSON). No extensions are requested, so integration details such as
 * backend URIs stay out of it. Returns the parsed JSON unchecked: lib/docs validates what it renders.
 * Throws on AWS errors and on a body that is not JSON (callers map both to "unavailable").
 */
export async function getOpenApiDocument(restApiId: string, stage: string): Promise<unknown> {
  const output = await apiGatewayClient().send(
    new GetExportCommand({ restApiId, stageName: stage, exportType: "oas30", accepts: "application/json" }),
  );
  if (!output.body || output.body.length === 0) throw new Error("GetExport answered without a body");
  const text = new TextDecoder("utf-8").decode(output.body);
  const document: unknown = JSON.parse(text);
  return document;
}
