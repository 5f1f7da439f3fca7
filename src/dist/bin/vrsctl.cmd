@echo off
rem vrsctl launcher for Windows terminals.
setlocal
set "APP_HOME=%~dp0.."
if defined JAVA_HOME (set "JAVA=%JAVA_HOME%\bin\java.exe") else (set "JAVA=java.exe")
"%JAVA%" -XX:+UseSerialGC -Xshare:auto %VRSCTL_JAVA_OPTS% -cp "%APP_HOME%\lib\*" jp.vrsctl.cli.Main %*
exit /b %ERRORLEVEL%
