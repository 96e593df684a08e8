// An operation declares at least one 4xx response, and every 4xx or 5xx response is an RFC 9457
// problem (application/problem+json) that lists its problem types (x-webase-problem-types).
export default function problemResponses(operation) {
  const responses = (operation && operation.responses) || {};
  const errors = [];
  const codes = Object.keys(responses);
  if (!codes.some((code) => code.startsWith("4"))) {
    errors.push({ message: "declares no 4xx problem response", path: ["responses"] });
  }
  for (const code of codes.filter((c) => c.startsWith("4") || c.startsWith("5"))) {
    const response = responses[code] || {};
    const content = response.content || {};
    if (!content["application/problem+json"]) {
      errors.push({ message: `${code} is not application/problem+json`, path: ["responses", code] });
    }
    const types = response["x-webase-problem-types"];
    if (!Array.isArray(types) || types.length === 0) {
      errors.push({ message: `${code} names no problem type`, path: ["responses", code] });
    }
  }
  return errors;
}
