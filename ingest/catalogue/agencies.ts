import type { AgencyKind } from './vocabulary.ts';

/**
 * The province's agencies as of 2021, their emulation blocs and the name variants clerks
 * type. Bloc membership is NOT in the plan: the blocs below are illustrative (marked so in
 * the database). `size` weights how many exemplars an agency typically recognises a year.
 */
export interface Agency {
  code: string;
  name: string;
  kind: AgencyKind;
  bloc: string;
  variants: string[];
  size: number;
  /** First day of an agency created by a 2025 merger. */
  activeFrom?: string;
  /** Last day the agency existed under this name (mergers and the 2025 reorganisation). */
  activeTo?: string;
}

export interface Bloc {
  code: string;
  name: string;
}

export const BLOCS: readonly Bloc[] = [
  { code: 'K_DIAPHUONG', name: 'Khối các huyện, thị xã, thành phố' },
  { code: 'K_DANG_DOANTHE', name: 'Khối các cơ quan Đảng, Mặt trận và đoàn thể' },
  { code: 'K_KINHTE', name: 'Khối các sở, ngành kinh tế' },
  { code: 'K_VANHOA_XAHOI', name: 'Khối các sở, ngành văn hóa - xã hội' },
  { code: 'K_NOICHINH', name: 'Khối nội chính' },
  { code: 'K_HIEPHOI_BAOCHI', name: 'Khối hội, hiệp hội và báo chí' },
];

const a = (code: string, name: string, kind: AgencyKind, bloc: string, size: number, variants: string[], activeTo?: string): Agency => ({
  code,
  name,
  kind,
  bloc,
  size,
  variants,
  ...(activeTo ? { activeTo } : {}),
});
const created2025 = (agency: Agency, from: string): Agency => ({ ...agency, activeFrom: from });

const locality = (code: string, name: string, short: string, size: number): Agency => {
  const bare = name.replace(/^(Thành phố|Thị xã|Huyện) /, '');
  const lower = name.charAt(0).toLowerCase() + name.slice(1);
  return a(code, name, 'dia_phuong', 'K_DIAPHUONG', size, [`UBND ${lower}`, `Ủy ban nhân dân ${lower}`, bare, short], '2025-06-30');
};

export const AGENCIES: readonly Agency[] = [
  // Party boards
  a('BTGTU', 'Ban Tuyên giáo Tỉnh ủy', 'dang', 'K_DANG_DOANTHE', 3, ['BTG Tỉnh ủy', 'Ban Tuyên giáo', 'BTGTU', 'Ban Tuyên giáo Tỉnh ủy Hưng Yên'], '2025-02-28'),
  a('BTCTU', 'Ban Tổ chức Tỉnh ủy', 'dang', 'K_DANG_DOANTHE', 3, ['BTC Tỉnh ủy', 'Ban Tổ chức', 'BTCTU', 'Ban Tổ chức Tỉnh ủy Hưng Yên']),
  a('BDVTU', 'Ban Dân vận Tỉnh ủy', 'dang', 'K_DANG_DOANTHE', 2, ['BDV Tỉnh ủy', 'Ban Dân vận', 'BDVTU'], '2025-02-28'),
  created2025(a('BTGDVTU', 'Ban Tuyên giáo và Dân vận Tỉnh ủy', 'dang', 'K_DANG_DOANTHE', 3, ['Ban Tuyên giáo và Dân vận', 'BTGDV Tỉnh ủy', 'BTGDVTU']), '2025-03-01'),
  a('UBKTTU', 'Ủy ban Kiểm tra Tỉnh ủy', 'dang', 'K_DANG_DOANTHE', 1, ['UBKT Tỉnh ủy', 'Ủy ban Kiểm tra', 'UBKTTU']),
  a('VPTU', 'Văn phòng Tỉnh ủy', 'dang', 'K_DANG_DOANTHE', 1, ['VP Tỉnh ủy', 'VPTU']),
  // Departments
  a('SNV', 'Sở Nội vụ', 'so_nganh', 'K_VANHOA_XAHOI', 4, ['SNV', 'Sở Nội vụ tỉnh Hưng Yên', 'Sở Nội vụ Hưng Yên', 'Ban Thi đua - Khen thưởng']),
  a('SYT', 'Sở Y tế', 'so_nganh', 'K_VANHOA_XAHOI', 8, ['SYT', 'Sở Y tế tỉnh Hưng Yên', 'Sở Y tế Hưng Yên', 'Ngành Y tế']),
  a('SNNPTNT', 'Sở Nông nghiệp và Phát triển nông thôn', 'so_nganh', 'K_KINHTE', 6, ['Sở NN&PTNT', 'Sở NN và PTNT', 'SNNPTNT', 'Sở Nông nghiệp'], '2025-02-28'),
  created2025(a('SNNMT', 'Sở Nông nghiệp và Môi trường', 'so_nganh', 'K_KINHTE', 6, ['Sở NN&MT', 'Sở NN và MT', 'SNNMT']), '2025-03-01'),
  a('SLDTBXH', 'Sở Lao động - Thương binh và Xã hội', 'so_nganh', 'K_VANHOA_XAHOI', 5, ['Sở LĐ-TB&XH', 'Sở LĐTBXH', 'SLDTBXH', 'Sở Lao động Thương binh và Xã hội'], '2025-02-28'),
  a('SKHDT', 'Sở Kế hoạch và Đầu tư', 'so_nganh', 'K_KINHTE', 3, ['Sở KH&ĐT', 'Sở KHĐT', 'SKHDT', 'Sở Kế hoạch Đầu tư'], '2025-02-28'),
  a('STC', 'Sở Tài chính', 'so_nganh', 'K_KINHTE', 3, ['STC', 'Sở Tài chính tỉnh Hưng Yên']),
  a('SVHTTDL', 'Sở Văn hóa, Thể thao và Du lịch', 'so_nganh', 'K_VANHOA_XAHOI', 5, ['Sở VHTTDL', 'Sở VH-TT&DL', 'SVHTTDL', 'Sở Văn hóa Thể thao và Du lịch']),
  a('SGDDT', 'Sở Giáo dục và Đào tạo', 'so_nganh', 'K_VANHOA_XAHOI', 12, ['Sở GD&ĐT', 'Sở GDĐT', 'SGDDT', 'Sở Giáo dục', 'Ngành Giáo dục']),
  a('SKHCN', 'Sở Khoa học và Công nghệ', 'so_nganh', 'K_KINHTE', 3, ['Sở KH&CN', 'Sở KHCN', 'SKHCN']),
  a('STTTT', 'Sở Thông tin và Truyền thông', 'so_nganh', 'K_VANHOA_XAHOI', 2, ['Sở TT&TT', 'Sở TTTT', 'STTTT'], '2025-02-28'),
  a('SCT', 'Sở Công Thương', 'so_nganh', 'K_KINHTE', 3, ['SCT', 'Sở Công thương']),
  a('SXD', 'Sở Xây dựng', 'so_nganh', 'K_KINHTE', 3, ['SXD', 'Sở Xây dựng tỉnh Hưng Yên']),
  a('SGTVT', 'Sở Giao thông vận tải', 'so_nganh', 'K_KINHTE', 3, ['Sở GTVT', 'SGTVT'], '2025-02-28'),
  a('STNMT', 'Sở Tài nguyên và Môi trường', 'so_nganh', 'K_KINHTE', 3, ['Sở TN&MT', 'Sở TNMT', 'STNMT'], '2025-02-28'),
  a('STP', 'Sở Tư pháp', 'so_nganh', 'K_NOICHINH', 2, ['STP', 'Sở Tư pháp tỉnh Hưng Yên']),
  a('TTT', 'Thanh tra tỉnh', 'so_nganh', 'K_NOICHINH', 1, ['Thanh tra tỉnh Hưng Yên', 'TTT']),
  a('VPUBND', 'Văn phòng UBND tỉnh', 'so_nganh', 'K_KINHTE', 2, ['Văn phòng Ủy ban nhân dân tỉnh', 'VP UBND tỉnh', 'VPUBND']),
  a('BQLKCN', 'Ban Quản lý các khu công nghiệp tỉnh', 'so_nganh', 'K_KINHTE', 2, ['BQL các KCN', 'Ban Quản lý KCN', 'BQLKCN']),
  // Armed forces and the judiciary
  a('BCHQS', 'Bộ Chỉ huy Quân sự tỉnh', 'luc_luong_vu_trang', 'K_NOICHINH', 6, ['Bộ CHQS tỉnh', 'BCHQS', 'Bộ Chỉ huy Quân sự tỉnh Hưng Yên']),
  a('CAT', 'Công an tỉnh', 'luc_luong_vu_trang', 'K_NOICHINH', 9, ['CAT', 'Công an tỉnh Hưng Yên', 'Công an Hưng Yên']),
  a('TAND', 'Tòa án nhân dân tỉnh', 'noi_chinh', 'K_NOICHINH', 1, ['TAND tỉnh', 'Tòa án tỉnh', 'TAND']),
  a('VKSND', 'Viện Kiểm sát nhân dân tỉnh', 'noi_chinh', 'K_NOICHINH', 1, ['VKSND tỉnh', 'Viện Kiểm sát tỉnh', 'VKSND']),
  // Front and mass organisations
  a('MTTQ', 'Ủy ban MTTQ Việt Nam tỉnh', 'doan_the', 'K_DANG_DOANTHE', 5, ['Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh', 'UBMTTQ tỉnh', 'MTTQ tỉnh', 'Mặt trận Tổ quốc tỉnh', 'MTTQ']),
  a('LDLD', 'Liên đoàn Lao động tỉnh', 'doan_the', 'K_DANG_DOANTHE', 7, ['LĐLĐ tỉnh', 'Liên đoàn Lao động tỉnh Hưng Yên', 'LDLD', 'Công đoàn tỉnh']),
  a('HLHPN', 'Hội Liên hiệp Phụ nữ tỉnh', 'doan_the', 'K_DANG_DOANTHE', 6, ['Hội LHPN tỉnh', 'Hội Phụ nữ tỉnh', 'HLHPN']),
  a('HND', 'Hội Nông dân tỉnh', 'doan_the', 'K_DANG_DOANTHE', 6, ['HND tỉnh', 'Hội Nông dân tỉnh Hưng Yên', 'HND']),
  a('HCCB', 'Hội Cựu chiến binh tỉnh', 'doan_the', 'K_DANG_DOANTHE', 5, ['Hội CCB tỉnh', 'HCCB', 'Hội Cựu chiến binh tỉnh Hưng Yên']),
  a('TINHDOAN', 'Tỉnh đoàn Hưng Yên', 'doan_the', 'K_DANG_DOANTHE', 6, ['Tỉnh đoàn', 'Đoàn TNCS Hồ Chí Minh tỉnh', 'Tỉnh Đoàn Thanh niên', 'TINHDOAN']),
  // Associations and the press
  a('HHDN', 'Hiệp hội Doanh nghiệp tỉnh', 'hiep_hoi', 'K_HIEPHOI_BAOCHI', 5, ['HHDN tỉnh', 'Hiệp hội Doanh nghiệp tỉnh Hưng Yên', 'HHDN']),
  a('HCTD', 'Hội Chữ thập đỏ tỉnh', 'hiep_hoi', 'K_HIEPHOI_BAOCHI', 2, ['Hội CTĐ tỉnh', 'HCTD']),
  a('LHHKHKT', 'Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh', 'hiep_hoi', 'K_HIEPHOI_BAOCHI', 1, ['Liên hiệp các Hội KH&KT tỉnh', 'LHHKHKT']),
  a('BAOHY', 'Báo Hưng Yên', 'bao_chi', 'K_HIEPHOI_BAOCHI', 1, ['Báo HY', 'BAOHY'], '2025-06-30'),
  a('DAIPTTH', 'Đài Phát thanh và Truyền hình Hưng Yên', 'bao_chi', 'K_HIEPHOI_BAOCHI', 1, ['Đài PT-TH Hưng Yên', 'Đài PTTH tỉnh', 'DAIPTTH'], '2025-06-30'),
  created2025(a('BAOPTTHHY', 'Báo và Phát thanh, Truyền hình Hưng Yên', 'bao_chi', 'K_HIEPHOI_BAOCHI', 2, ['Báo và PT-TH Hưng Yên', 'BAOPTTHHY']), '2025-07-01'),
  // District-level localities of 2021 (the district level ended on 1 July 2025)
  locality('TPHY', 'Thành phố Hưng Yên', 'TP Hưng Yên', 9),
  locality('TXMH', 'Thị xã Mỹ Hào', 'TX Mỹ Hào', 8),
  locality('VANLAM', 'Huyện Văn Lâm', 'H. Văn Lâm', 8),
  locality('VANGIANG', 'Huyện Văn Giang', 'H. Văn Giang', 8),
  locality('YENMY', 'Huyện Yên Mỹ', 'H. Yên Mỹ', 9),
  locality('KHOAICHAU', 'Huyện Khoái Châu', 'H. Khoái Châu', 11),
  locality('ANTHI', 'Huyện Ân Thi', 'H. Ân Thi', 8),
  locality('KIMDONG', 'Huyện Kim Động', 'H. Kim Động', 8),
  locality('TIENLU', 'Huyện Tiên Lữ', 'H. Tiên Lữ', 7),
  locality('PHUCU', 'Huyện Phù Cừ', 'H. Phù Cừ', 6),
];

/**
 * Successor links: agencies merged or renamed during 2021–2025. Data recorded under the
 * predecessor still counts in five-year totals, rolled up to the successor where asked.
 * The department mergers took effect on 1 March 2025; the press merger on 1 July 2025.
 */
export interface Succession {
  predecessor: string;
  successor: string;
  effective: string;
  note: string;
}

export const SUCCESSIONS: readonly Succession[] = [
  { predecessor: 'SLDTBXH', successor: 'SNV', effective: '2025-03-01', note: 'Hợp nhất Sở Lao động - Thương binh và Xã hội vào Sở Nội vụ' },
  { predecessor: 'SKHDT', successor: 'STC', effective: '2025-03-01', note: 'Hợp nhất Sở Kế hoạch và Đầu tư vào Sở Tài chính' },
  { predecessor: 'SNNPTNT', successor: 'SNNMT', effective: '2025-03-01', note: 'Hợp nhất Sở Nông nghiệp và PTNT với Sở Tài nguyên và Môi trường' },
  { predecessor: 'STNMT', successor: 'SNNMT', effective: '2025-03-01', note: 'Hợp nhất Sở Nông nghiệp và PTNT với Sở Tài nguyên và Môi trường' },
  { predecessor: 'STTTT', successor: 'SKHCN', effective: '2025-03-01', note: 'Hợp nhất Sở Thông tin và Truyền thông vào Sở Khoa học và Công nghệ' },
  { predecessor: 'SGTVT', successor: 'SXD', effective: '2025-03-01', note: 'Hợp nhất Sở Giao thông vận tải vào Sở Xây dựng' },
  { predecessor: 'BTGTU', successor: 'BTGDVTU', effective: '2025-03-01', note: 'Hợp nhất Ban Tuyên giáo và Ban Dân vận Tỉnh ủy' },
  { predecessor: 'BDVTU', successor: 'BTGDVTU', effective: '2025-03-01', note: 'Hợp nhất Ban Tuyên giáo và Ban Dân vận Tỉnh ủy' },
  { predecessor: 'BAOHY', successor: 'BAOPTTHHY', effective: '2025-07-01', note: 'Hợp nhất Báo Hưng Yên và Đài Phát thanh và Truyền hình' },
  { predecessor: 'DAIPTTH', successor: 'BAOPTTHHY', effective: '2025-07-01', note: 'Hợp nhất Báo Hưng Yên và Đài Phát thanh và Truyền hình' },
];

/** Sở Nội vụ's token may write for every agency (it sums up the province). */
export const HOME_AFFAIRS = 'SNV';
