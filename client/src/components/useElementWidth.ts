import { useLayoutEffect, useRef, useState, type RefObject } from 'react';

/**
 * The rendered width (CSS px) of the element `ref` is attached to, kept up to date as it
 * resizes; `fallback` until it is measured (and where nothing can measure, as in tests).
 */
export function useElementWidth<TElement extends Element>(fallback: number): [RefObject<TElement | null>, number] {
  const ref = useRef<TElement>(null);
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const measure = () => {
      const measured = element.getBoundingClientRect().width;
      if (measured > 0) setWidth(measured);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}
