/**
 * `zhengdi-rules/server`: the decision service over HTTP (docs/service.md). Node only.
 *
 * @example
 * ```ts
 * import { createEngine } from 'zhengdi-rules';
 * import { createServer } from 'zhengdi-rules/server';
 * const server = createServer(createEngine());
 * console.log(await server.listen({ port: 8080 })); // http://127.0.0.1:8080
 * ```
 *
 * @packageDocumentation
 * @module zhengdi-rules/server
 */
export { createServer, type ServerOptions, type ZhengdiServer } from './server';
export { openApiDocument } from './openapi';
export { jsonSchemas, type JsonSchema } from '../schemas/json-schema';
export { pseudonymiseRecord, pseudonymOf, personIdsOf, PERSON_FIELDS } from '../audit/pseudonymise';
