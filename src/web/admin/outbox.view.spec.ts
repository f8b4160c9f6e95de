import { errorCodeOf, maskRecipient } from './outbox.view';

describe('the outbox page', () => {
  it('masks a recipient down to the first character and the domain', () => {
    expect(maskRecipient('asel.j@example.kg')).toBe('a***@example.kg');
    expect(maskRecipient('x@mail.kg')).toBe('x***@mail.kg');
    expect(maskRecipient('no-at-sign')).toBe('***');
    expect(maskRecipient('@example.kg')).toBe('***');
  });

  it('shows a failure by its code, never the SMTP text that quotes the recipient', () => {
    expect(errorCodeOf(null)).toBeNull();
    expect(errorCodeOf('connect ECONNREFUSED 127.0.0.1:587')).toBe('ECONNREFUSED');
    expect(
      errorCodeOf(
        "Can't send mail - all recipients were rejected: 550 5.1.1 <a@b.kg>: Recipient address rejected",
      ),
    ).toBe('550 5.1.1');
    expect(errorCodeOf('Message failed: 452 too many recipients')).toBe('452');
    expect(errorCodeOf('Greeting never received')).toBe('other');
  });

  it('does not read a port or an address part as an SMTP code', () => {
    expect(errorCodeOf('connection to 10.0.250.1:465 closed')).toBe('other');
  });
});
