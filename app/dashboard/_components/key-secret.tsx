import { CodeBlock } from "@/components/ui/code-block";
import { gatewayExample } from "@/lib/docs/curl-command";

/** A key's value and a ready-to-paste curl command with it, both wrapping at any width. */
export function KeySecret({ value, label, copyLabel, invokeUrl }: { value: string; label: string; copyLabel: string; invokeUrl: string }) {
  return (
    <>
      <CodeBlock code={value} label={label} copyLabel={copyLabel} />
      <CodeBlock code={gatewayExample(invokeUrl, value)} label="Try it" copyLabel="Copy curl command" />
    </>
  );
}
