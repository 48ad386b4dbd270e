// Config objects → YAML text for the core. JSON is YAML flow style and the
// core's YAML reader reads it (src/config/yaml_reader.h), so the serialiser is JSON.stringify with the JS-only
// values (undefined, functions) dropped and non-finite numbers refused.

/**
 * Serialises a plain config object to YAML text the core accepts.
 * @param {object} config e.g. `{endpoints: [{name: 'chat', endpoint_type: 'llm/v1/chat', model: {...}}]}`
 * @returns {string}
 */
export function configToYaml(config) {
  return `${JSON.stringify(config, (key, value) => {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError(`config: ${key} is not a finite number`);
    if (typeof value === 'bigint') return Number(value);
    return value;
  }, 2)}\n`;
}
