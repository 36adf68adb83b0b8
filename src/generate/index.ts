export { COUNTRY_PROFILES, type CountryProfile, type CountryRole } from "./country-profiles.js";
export { type GenerateCaseOptions, type GeneratedFile, type GenerateResult, generateCase } from "./generate-case.js";
export { DIFFICULTIES, type Difficulty, GENERATE_DEFAULTS, type GenerateOptions, GenerateOptionsSchema, type ResolvedGenerateOptions, resolveGenerateOptions, SCHEME_NAMES, type SchemeName } from "./options.js";
export { PLANTED_TYPOLOGIES, type PlantedTypology, parseTruth, type Truth, TruthSchema, type TruthScheme, TruthSchemeSchema } from "./truth.js";
