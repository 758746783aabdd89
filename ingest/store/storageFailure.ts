/**
 * Failures of the disk under DATA_DIR, told apart from bugs so that the clerk gets a clear
 * answer (507 with a code) instead of a generic 500, and told apart by *when* they happened:
 * before COMMIT nothing was saved; while publishing a snapshot the batch is already saved.
 */
export type StorageFailureKind = 'full' | 'unwritable';

const FULL_CODES = new Set(['ENOSPC', 'EDQUOT', 'EFBIG']);
const UNWRITABLE_CODES = new Set(['EROFS', 'EACCES', 'EPERM', 'ENOTDIR', 'EEXIST', 'EISDIR']);
// DuckDB reports the OS error only in its message text ("Could not write file …: No space left on device").
const FULL_TEXT = /No space left on device|Disk quota exceeded|File too large/i;
const UNWRITABLE_TEXT = /Read-only file system|Permission denied|Not a directory/i;

/** Thrown by publishSnapshot: the snapshot was not published; CURRENT still names the previous one. */
export class SnapshotPublishError extends Error {
  constructor(override readonly cause: unknown) {
    super(`snapshot not published: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'SnapshotPublishError';
  }
}

/** 'full' / 'unwritable' when `error` (or what it wraps) is the disk refusing a write, else null. */
export function storageFailureKind(error: unknown): StorageFailureKind | null {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    const message = e instanceof Error ? e.message : String(e);
    if ((typeof code === 'string' && FULL_CODES.has(code)) || FULL_TEXT.test(message)) return 'full';
    if ((typeof code === 'string' && UNWRITABLE_CODES.has(code)) || UNWRITABLE_TEXT.test(message)) return 'unwritable';
  }
  return null;
}

export interface StorageFailureAnswer {
  status: 500 | 507;
  code: string;
  message: string;
}

/** The answer for a failed upload whose cause is the disk, or null for any other error. */
export function storageFailureAnswer(error: unknown): StorageFailureAnswer | null {
  const kind = storageFailureKind(error);
  const disk = kind === 'full' ? 'ổ đĩa lưu dữ liệu đã đầy' : 'thư mục dữ liệu không ghi được';
  if (error instanceof SnapshotPublishError) {
    return {
      status: kind ? 507 : 500,
      code: 'SNAPSHOT_NOT_PUBLISHED',
      message:
        `Dữ liệu của tệp đã được lưu, nhưng ${kind ? disk : 'có lỗi'} nên chưa công bố được bản chốt số liệu mới cho trang báo cáo; ` +
        'trang báo cáo vẫn hiển thị bản chốt trước. Bản chốt mới sẽ được công bố tự động khi sự cố được khắc phục. Gửi lại cùng tệp sẽ không nhập trùng.',
    };
  }
  if (!kind) return null;
  return {
    status: 507,
    code: kind === 'full' ? 'DISK_FULL' : 'STORAGE_UNWRITABLE',
    message: `Không nhập được tệp vì ${disk}: tệp chưa được nhập, dữ liệu không thay đổi. Hãy báo quản trị hệ thống khắc phục rồi gửi lại tệp.`,
  };
}
