// A map marker's inner element built through the DOM: its colours are set through the CSSOM, because
// a style attribute in markup (Leaflet's divIcon html string) needs CSP's style-src 'unsafe-inline'.

export interface MarkerElement {
  text?: string;
  /** Text in a <b> inside (a cluster's count). */
  bold?: string;
  data?: Record<string, string | boolean>;
  /** Properties and custom properties (--c) to set. */
  style?: Record<string, string>;
}

export function markerElement({ text, bold, data = {}, style = {} }: MarkerElement): HTMLElement {
  const span = document.createElement('span');
  for (const [key, value] of Object.entries(data)) span.dataset[key] = String(value);
  for (const [property, value] of Object.entries(style)) span.style.setProperty(property, value);
  if (text !== undefined) span.textContent = text;
  if (bold !== undefined) span.appendChild(document.createElement('b')).textContent = bold;
  return span;
}
