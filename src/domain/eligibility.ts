// The eligibility engine's public entry point (issue #6): evaluateEligibility, with the
// types of its input and output. The engine itself lives with the rest of the
// environments domain (src/domain/environments/eligibility.ts).
export * from './environments/eligibility';
