"""English for the progress dialog and the arrears export's child process (issue 20)."""

PROGRESS: dict[str, str] = {
    "，每秒 %1": ", %1 a second",
    "，约 %1 秒完成": ", about %1 s left",
    "导出欠费清单的进程意外结束（退出码 {exit_code}），未写出文件；请重试。": "The arrears export's process ended unexpectedly (exit code {exit_code}); no file was written. Try again.",
    "无法写出文件 {path}（{reason}），未导出；请检查文件夹是否存在、是否可写。": "Cannot write {path} ({reason}); nothing was exported. Check that the folder exists and is writable.",
}
