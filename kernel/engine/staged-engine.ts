/**
 * The TypeScript engine the kernel uses: a light checker (the ES library only) answers the first
 * cells within a fraction of a second of start-up, and the full checker (with @types/node) is built
 * when a cell needs it or while the kernel is idle. A cell the light checker rejects is checked
 * again by the full one, so the light checker can only make the first results earlier.
 */
import { createTypeScriptEngine } from "./tslab-adapter";
import { Conversion, PositionMapper, TypeScriptEngine } from "../../common/typescript-engine";

export class StagedEngine implements TypeScriptEngine {
  private light: TypeScriptEngine | undefined;
  private full: TypeScriptEngine | undefined;

  /** @param directory the notebook's folder, where cells' imports resolve from */
  constructor(private readonly directory: string) {}

  get ready(): boolean {
    return this.full !== undefined;
  }

  startLight(): void {
    if (!this.full) this.light ??= createTypeScriptEngine({ light: true, directory: this.directory });
  }

  /** Builds the full checker (about a second) and lets the light one go. */
  ensureFull(): TypeScriptEngine {
    if (!this.full) {
      this.full = createTypeScriptEngine({ directory: this.directory });
      this.light?.close();
      this.light = undefined;
    }
    return this.full;
  }

  convert(prevDecl: string, src: string): Conversion {
    if (this.full) return this.full.convert(prevDecl, src);
    this.startLight();
    const light = this.light!.convert(prevDecl, src);
    return light.diagnostics.length === 0 ? light : this.ensureFull().convert(prevDecl, src);
  }

  /** The light and the full checker emit the same JavaScript, so either can make the map. */
  positionMapper(prevDecl: string, src: string): PositionMapper | undefined {
    this.startLight();
    return (this.full ?? this.light!).positionMapper(prevDecl, src);
  }

  complete(prevDecl: string, src: string, position: number) {
    return this.ensureFull().complete(prevDecl, src, position);
  }

  inspect(prevDecl: string, src: string, position: number) {
    return this.ensureFull().inspect(prevDecl, src, position);
  }

  close(): void {
    this.light?.close();
    this.full?.close();
  }
}
