/** The CLI calls the router through core's typed `call()` (an error envelope becomes a CodedError for the exit code). */
export { call as callOrThrow } from '../core/call';
