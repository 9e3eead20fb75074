import { escapeHtml, safeUrl } from './html';

test('escapeHtml makes names safe for element content and attributes', () => {
  expect(escapeHtml(`<script>alert("x")</script> & O'Neill`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; O&#39;Neill');
});

test('safeUrl keeps absolute http(s) URLs only', () => {
  expect(safeUrl('https://example.org/a?b=1')).toBe('https://example.org/a?b=1');
  expect(safeUrl('http://example.org')).toBe('http://example.org/');
  for (const bad of ['javascript:alert(1)', 'data:text/html,x', '/relative', 'kein link', '', null, undefined]) expect(safeUrl(bad)).toBeNull();
});
