// The load for the public enquiry benchmark: POST /api/v1/enquiries with a distinct enquirer
// in every request. The endpoint is rate-limited per address (ENQUIRY_RATE_LIMIT, default 10 a
// minute), so bench/run.ts starts the server with the limit raised.
import type autocannon from 'autocannon';

const COUNCILS = ['E06000019', 'E06000051', 'E06000020', 'E10000034', 'E06000034', 'E06000033', 'E09000016'];

export function enquiryLoad(base: string): Pick<autocannon.Options, 'url' | 'method' | 'headers' | 'requests'> {
  let serial = 0;
  return {
    url: new URL('/api/v1/enquiries', base).toString(),
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [{
      setupRequest: (request) => {
        serial += 1;
        return {
          ...request,
          body: JSON.stringify({
            firstName: 'Bench', lastName: `Enquirer${serial}`, email: `bench-${process.pid}-${serial}@example.com`, phone: '01632 960000',
            councilCode: COUNCILS[serial % COUNCILS.length], heardFrom: 'website', consent: true,
          }),
        };
      },
    }],
  };
}
