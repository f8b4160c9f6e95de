/** For routes that take no input: an empty object, anything else refused. */
export class EmptyDto {}
