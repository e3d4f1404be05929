/**
 * Thrown when an event's fields are read before the codecs of its schema file
 * are loaded. The client loads them before it delivers an event; code that
 * builds events itself calls `loadCodecs` first.
 */
export class CodecsNotLoadedError extends Error {
  /** The schema file's domain, e.g. `gift`. */
  readonly domain: string;

  constructor(domain: string) {
    super(
      `The "${domain}" codecs are not loaded yet: await loadCodecs(EventClass) (or loadCodecs() for all) before reading an event you built yourself; the client loads them for the events it delivers`,
    );
    this.name = "CodecsNotLoadedError";
    this.domain = domain;
  }
}

/**
 * The codecs of one schema file, imported on first use. The generated codecs are
 * ~1.5 MB of JavaScript; a bot that listens to comments and gifts never pays for
 * the battle or commerce ones, and importing the package stays cheap.
 */
export class CodecDomain<M extends object = object> {
  #module: M | undefined;
  #loading: Promise<M> | undefined;

  constructor(
    /** Name of the schema file without extension, e.g. `chat`. */
    readonly name: string,
    private readonly importer: () => Promise<M>,
    /** Domains whose codecs this one's messages embed; they load with it. */
    readonly dependencies: readonly CodecDomain[] = [],
  ) {}

  /** A domain whose module is already at hand. */
  static loaded<M extends object>(name: string, module: M): CodecDomain<M> {
    const domain = new CodecDomain<M>(name, async () => module);
    domain.provide(module);
    return domain;
  }

  get isLoaded(): boolean {
    return this.#module !== undefined;
  }

  /** The loaded codecs. Throws CodecsNotLoadedError before `load()` has finished. */
  get codecs(): M {
    const module = this.#module;
    if (module === undefined) throw new CodecsNotLoadedError(this.name);
    return module;
  }

  /** Imports the codecs and those of every dependency; concurrent calls share one import. */
  load(): Promise<M> {
    if (this.#module !== undefined) return Promise.resolve(this.#module);
    this.#loading ??= Promise.all([this.importer(), ...this.dependencies.map((d) => d.load())]).then(
      ([module]) => {
        this.#module = module as M;
        return module as M;
      },
      (error: unknown) => {
        // A failed import (e.g. a missing chunk) may be retried by the next caller.
        this.#loading = undefined;
        throw error;
      },
    );
    return this.#loading;
  }

  /** Marks the domain loaded with a module imported statically (the `codecs` entry does this). */
  provide(module: M): void {
    this.#module = module;
  }
}
