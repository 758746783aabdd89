// Run by index.html while the app's code downloads: the browser loads its Vietnamese number,
// date and sorting data the first time a formatter asks for them (some 25 ms), so the app's own
// formatters (lib/format.ts, the catalogue's collator) are then built in no time. Nothing kept.
new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 }).format(1234.5);
new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' }).format(0);
new Intl.Collator('vi').compare('Ă', 'Â');
