/* Holds a file open the way Windows programs do, for the Wine tests:
 *   hold read  FILE READY RELEASE   as PowerPoint or Acrobat keep a document
 *                                   open (others may read it, not replace,
 *                                   move or delete it);
 *   hold write FILE READY RELEASE   as Excel holds a workbook while saving
 *                                   (open for writing; others may read).
 * Creates READY once the file is open, and closes it when RELEASE exists. */
#include <windows.h>
#include <wchar.h>

int wmain(int argc, wchar_t **argv) {
    if (argc != 5) return 64;
    BOOL write = wcscmp(argv[1], L"write") == 0;
    HANDLE file = CreateFileW(argv[2], write ? GENERIC_WRITE : GENERIC_READ,
                              write ? FILE_SHARE_READ | FILE_SHARE_WRITE : FILE_SHARE_READ,
                              NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    if (file == INVALID_HANDLE_VALUE) return 2;
    HANDLE ready = CreateFileW(argv[3], GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    if (ready == INVALID_HANDLE_VALUE) return 3;
    CloseHandle(ready);
    while (GetFileAttributesW(argv[4]) == INVALID_FILE_ATTRIBUTES) Sleep(100);
    CloseHandle(file);
    return 0;
}
