/** API Gateway control-plane errors, rendered the way the real service renders them. */
export type ApiGatewayErrorType =
  | 'BadRequestException'
  | 'NotFoundException'
  | 'ConflictException'
  | 'TooManyRequestsException'
  | 'LimitExceededException'
  | 'UnauthorizedException'
  | 'ServiceUnavailableException'
  | 'UnknownOperationException';

const STATUS: Record<ApiGatewayErrorType, number> = {
  BadRequestException: 400,
  UnauthorizedException: 401,
  NotFoundException: 404,
  UnknownOperationException: 404,
  ConflictException: 409,
  TooManyRequestsException: 429,
  LimitExceededException: 429,
  ServiceUnavailableException: 503,
};

export class ApiGatewayError extends Error {
  readonly status: number;
  constructor(
    readonly type: ApiGatewayErrorType,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = type;
    this.status = STATUS[type];
  }
}

export const badRequest = (message: string) => new ApiGatewayError('BadRequestException', message);
export const notFound = (message: string) => new ApiGatewayError('NotFoundException', message);
export const conflict = (message: string) => new ApiGatewayError('ConflictException', message);
export const limitExceeded = (message: string) => new ApiGatewayError('LimitExceededException', message);
export const tooManyRequests = (retryAfterSeconds: number) =>
  new ApiGatewayError('TooManyRequestsException', 'Too Many Requests', retryAfterSeconds);
