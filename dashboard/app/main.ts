// Placeholder entry until the Svelte app lands.
document.querySelector('#app')!.textContent = 'Bảng theo dõi điển hình tiên tiến tỉnh Hưng Yên 2021–2025';
