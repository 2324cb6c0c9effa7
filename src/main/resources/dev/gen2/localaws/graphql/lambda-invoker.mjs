// Invokes a function through the local AWS's Lambda Invoke API, as AppSync does for Lambda data sources and Lambda
// authorizers. What the function answered, or its error as AppSync reports it ({message, type: 'Lambda:...'}).

/** Creates an invoker for the local AWS at `aws` (http://127.0.0.1:<port>). */
export function lambdaInvoker(aws) {
  return async function invoke(functionArn, payload) {
    let response;
    try {
      response = await fetch(`${aws}/2015-03-31/functions/${encodeURIComponent(functionArn)}/invocations`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-amz-invocation-type': 'RequestResponse',
          // moto reads the region and account from the credential scope
          authorization: 'AWS4-HMAC-SHA256 Credential=testing/20200101/us-east-1/lambda/aws4_request, SignedHeaders=host, Signature=0',
        },
        body: JSON.stringify(payload ?? null),
      });
    } catch (error) {
      return { error: { message: `The local AWS did not answer the invocation of ${functionArn}: ${error.message}`, type: 'Lambda:ServiceException' } };
    }
    const text = await response.text();
    if (!response.ok) {
      let body = {};
      try { body = JSON.parse(text); } catch { body = { message: text }; }
      const type = body.__type || body.Type || response.headers.get('x-amzn-errortype') || 'ServiceException';
      return { error: { message: body.message || body.Message || text, type: `Lambda:${type.split(':')[0]}` } };
    }
    let value = null;
    try { value = text ? JSON.parse(text) : null; } catch { value = text; }
    const functionError = response.headers.get('x-amz-function-error');
    if (functionError) {
      return { error: { message: value?.errorMessage ?? String(value), type: `Lambda:${value?.errorType || functionError}`, data: null } };
    }
    return { result: value };
  };
}
