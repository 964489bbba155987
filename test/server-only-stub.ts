// `server-only` throws outside Next's server bundle; tests run domain code in plain Node, so it is aliased here.
export {};
