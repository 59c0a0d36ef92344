/** The outreach timers' store (TimerStore<outreach.OutreachTimerType>), beside the lifecycle's TimerStore. */
export const OUTREACH_TIMER_STORE = Symbol('OUTREACH_TIMER_STORE');
