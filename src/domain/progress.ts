// The numbers of domain.md §4 in one import: 序时进度, rates, lights and their display.
export * from './exact';
export * from './time-progress';
export * from './rates';
export * from './lights';
export * from './format';
