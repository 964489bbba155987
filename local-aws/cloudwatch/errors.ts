/**
 * CloudWatch client errors. `code` is the awsQuery error code (sent in `x-amzn-query-error`), `shape` the
 * Smithy error shape name (sent in `__type`); both come from the SDK's schema (awsQueryError trait).
 */
export class CloudWatchError extends Error {
  constructor(
    readonly code: string,
    readonly shape: string,
    message: string,
    readonly status = 400,
    readonly extra: Record<string, unknown> = {},
    readonly fault: 'Sender' | 'Receiver' = 'Sender',
  ) {
    super(message);
    this.name = shape;
  }
}

export const invalidParameterValue = (message: string) =>
  new CloudWatchError('InvalidParameterValue', 'InvalidParameterValueException', message);

export const missingParameter = (name: string) =>
  new CloudWatchError('MissingParameter', 'MissingRequiredParameterException', `The parameter ${name} is required.`);

export const invalidParameterCombination = (message: string) =>
  new CloudWatchError('InvalidParameterCombination', 'InvalidParameterCombinationException', message);

export const invalidNextToken = () =>
  new CloudWatchError('InvalidNextToken', 'InvalidNextToken', 'The service cannot process the NextToken.');

export const resourceNotFound = (message: string) =>
  new CloudWatchError('ResourceNotFound', 'ResourceNotFound', message, 404);

export const dashboardNotFound = (message: string) =>
  new CloudWatchError('ResourceNotFound', 'DashboardNotFoundError', message, 404);

export const invalidFormat = (message: string) =>
  new CloudWatchError('InvalidFormat', 'InvalidFormatFault', message);

export const limitExceeded = (message: string) =>
  new CloudWatchError('LimitExceeded', 'LimitExceededFault', message);

export const dashboardInvalidInput = (message: string, messages: { DataPath?: string; Message: string }[]) =>
  new CloudWatchError('InvalidParameterInput', 'DashboardInvalidInputError', message, 400, {
    dashboardValidationMessages: messages,
  });

export const unknownOperation = (operation: string) =>
  new CloudWatchError('UnknownOperation', 'UnknownOperationException', `Unknown operation ${operation}`);

/** CloudWatch's answer when the service is unavailable (used by fault injection). */
export const serviceUnavailable = () =>
  new CloudWatchError('ServiceUnavailable', 'ServiceUnavailable', 'Service Unavailable', 503, {}, 'Receiver');

/** CloudWatch's throttling answer (awsQuery code `Throttling`, HTTP 400; used by fault injection). */
export const throttling = () => new CloudWatchError('Throttling', 'Throttling', 'Rate exceeded', 400);
