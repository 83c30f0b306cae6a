// Entry point for the schema generator: the Dashboard type exactly as @grafana/schema exports it.
export type { Dashboard } from '@grafana/schema';
