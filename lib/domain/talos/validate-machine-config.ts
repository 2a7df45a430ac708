import { isV1alpha1Document, schemaErrors } from "@/lib/domain/talos/config-schema";
import { metalRuleErrors } from "@/lib/domain/talos/metal-rules";
import { isPlainObject, parseYamlDocuments } from "@/lib/domain/talos/talos-yaml";

export type MachineConfigValidation = { ok: boolean; errors: string[] };

// The gate before a config is stored or served: Talos's JSON schema for every document, then
// the metal-mode rules on the v1alpha1 document (https://talos.dev/v1.11/schemas/config.schema.json and https://github.com/siderolabs/talos/blob/v1.11.6/pkg/machinery/config/types/v1alpha1/v1alpha1_validation.go).
export const validateMachineConfig = (yaml: string): MachineConfigValidation => {
  const parsed = parseYamlDocuments(yaml);
  if (!parsed.ok) return { ok: false, errors: [`not valid YAML: ${parsed.error}`] };
  if (parsed.documents.length === 0) return { ok: false, errors: ["config not found (empty input)"] };
  const errors: string[] = [];
  const multi = parsed.documents.length > 1;
  parsed.documents.forEach((doc, index) => errors.push(...schemaErrors(doc, multi ? `document ${index + 1}` : "config")));
  const v1 = parsed.documents.filter((doc) => isPlainObject(doc) && isV1alpha1Document(doc));
  if (v1.length !== 1) errors.push("config: exactly one v1alpha1 document (machine/cluster) is required");
  const [main] = v1;
  if (isPlainObject(main)) errors.push(...metalRuleErrors(main));

  return { ok: errors.length === 0, errors };
};
