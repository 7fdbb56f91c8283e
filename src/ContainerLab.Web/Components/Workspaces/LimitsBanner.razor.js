// The browser's time zone, so the deadline is shown on the student's clock (LimitsBanner.razor.cs).
export function timeZone() {
    return {
        name: Intl.DateTimeFormat().resolvedOptions().timeZone ?? null,
        offsetMinutes: -new Date().getTimezoneOffset(),
    };
}
