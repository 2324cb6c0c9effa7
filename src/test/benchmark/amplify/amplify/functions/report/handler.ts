export const handler = async () => ({ reports: 0 });
