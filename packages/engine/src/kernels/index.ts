export { emaInto, emaLookback } from './ema';
export { trueRangeInto, trueRangeLookback } from './true-range';
export { atrInto, atrLookback } from './atr';
export { rsiInto, rsiLookback } from './rsi';
export { smaInto, smaLookback } from './sma';
export { stdevInto, stdevLookback } from './stdev';
export { donchianInto, donchianLookback } from './donchian';
export { bollingerInto, bollingerLookback } from './bollinger';
