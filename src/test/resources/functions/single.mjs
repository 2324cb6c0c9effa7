// A test function in one ES module file.
export const handler = async (event) => ({ echoed: event, secret: process.env.API_SECRET });
