// Placeholder replaced below.
export async function runBenchmarks(_o: { duration: number; connections: number }) { return {}; }
