// A list (a GET whose 200 answer has an `items` array) takes `limit` and `cursor` as query
// parameters and answers `nextCursor`: every list of the API pages the same way.
export default function paginated(operation) {
  const ok = operation && operation.responses && operation.responses["200"];
  const schema = ok && ok.content && ok.content["application/json"] && ok.content["application/json"].schema;
  const properties = (schema && schema.properties) || {};
  if (!properties.items || properties.items.type !== "array") {
    return [];
  }
  const errors = [];
  const query = (operation.parameters || []).filter((p) => p.in === "query").map((p) => p.name);
  for (const name of ["limit", "cursor"]) {
    if (!query.includes(name)) {
      errors.push({ message: `list without the ${name} query parameter`, path: ["parameters"] });
    }
  }
  if (!properties.nextCursor) {
    errors.push({ message: "list answer without nextCursor", path: ["responses", "200"] });
  }
  return errors;
}
