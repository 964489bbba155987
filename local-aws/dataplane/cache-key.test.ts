import { describe, expect, it } from 'vitest';
import { DEMO_ROUTES, type ApiRoute } from '../demo-api';
import { defaultMethodSetting } from '../apigateway/method-settings';
import { cacheControlDecision, pathParameters, stageCacheKey, wantsInvalidation } from './cache-key';

const route = (path: string, method = 'GET'): ApiRoute => DEMO_ROUTES.find((r) => r.path === path && r.method === method)!;

describe('stage cache key', () => {
  it('ignores undeclared query strings and headers', () => {
    const health = route('/health');
    expect(stageCacheKey(health, 'GET', '/health', '?a=1', {})).toBe(stageCacheKey(health, 'GET', '/health', '', { 'accept-language': 'fr' }));
  });

  it('includes declared query strings and headers, whatever their order or the other parameters', () => {
    const data = route('/data');
    const base = stageCacheKey(data, 'GET', '/data', '', {});
    expect(stageCacheKey(data, 'GET', '/data', '?x=1', {})).toBe(base);
    expect(stageCacheKey(data, 'GET', '/data', '?category=a', {})).not.toBe(base);
    expect(stageCacheKey(data, 'GET', '/data', '?x=1&category=a', {})).toBe(stageCacheKey(data, 'GET', '/data', '?category=a', {}));
    expect(stageCacheKey(data, 'GET', '/data', '?category=', {})).not.toBe(base); // empty differs from absent
    expect(stageCacheKey(data, 'GET', '/data', '', { 'accept-language': 'fr' })).not.toBe(base);
  });

  it('keys declared path parameters', () => {
    const pet = route('/pets/{id}');
    expect(pathParameters(pet, '/pets/7')).toEqual({ id: '7' });
    expect(stageCacheKey(pet, 'GET', '/pets/1', '', {})).not.toBe(stageCacheKey(pet, 'GET', '/pets/2', '', {}));
    const undeclared: ApiRoute = { ...pet, cacheKeyParameters: undefined };
    expect(stageCacheKey(undeclared, 'GET', '/pets/1', '', {})).toBe(stageCacheKey(undeclared, 'GET', '/pets/2', '', {}));
  });
});

describe('Cache-Control: max-age=0', () => {
  const signed = { authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20260310/us-east-1/execute-api/aws4_request, SignedHeaders=host, Signature=00' };
  const fresh = { 'cache-control': 'no-cache, max-age=0' };

  it('recognises max-age=0 only', () => {
    expect(wantsInvalidation({ 'cache-control': 'max-age=0' })).toBe(true);
    expect(wantsInvalidation({ 'cache-control': 'max-age=00' })).toBe(true);
    expect(wantsInvalidation({ 'cache-control': 'max-age=60' })).toBe(false);
    expect(wantsInvalidation({ 'cache-control': 'max-age=05' })).toBe(false);
    expect(wantsInvalidation({})).toBe(false);
  });

  it('follows requireAuthorizationForCacheControl and unauthorizedCacheControlHeaderStrategy', () => {
    const setting = defaultMethodSetting();
    expect(cacheControlDecision({}, setting)).toEqual({ kind: 'none' });
    expect(cacheControlDecision({ ...fresh, ...signed }, setting)).toEqual({ kind: 'invalidate' });
    expect(cacheControlDecision(fresh, setting)).toEqual({ kind: 'ignore', warningHeader: true });
    expect(cacheControlDecision(fresh, { ...setting, unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITHOUT_RESPONSE_HEADER' })).toEqual({ kind: 'ignore', warningHeader: false });
    expect(cacheControlDecision(fresh, { ...setting, unauthorizedCacheControlHeaderStrategy: 'FAIL_WITH_403' })).toEqual({ kind: 'deny' });
    expect(cacheControlDecision(fresh, { ...setting, requireAuthorizationForCacheControl: false })).toEqual({ kind: 'invalidate' });
    expect(cacheControlDecision({ ...fresh, authorization: 'Bearer x' }, setting)).toEqual({ kind: 'ignore', warningHeader: true });
  });
});
