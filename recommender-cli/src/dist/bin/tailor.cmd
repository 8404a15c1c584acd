@echo off
rem Starts the tailor command from an unpacked distribution (see bin/tailor for the settings).
setlocal
set "APP_HOME=%~dp0.."
if defined JAVA_HOME (set "JAVA=%JAVA_HOME%\bin\java") else (set "JAVA=java")
if not defined TAILOR_OPTS set "TAILOR_OPTS=-Xmx4g"
"%JAVA%" %TAILOR_OPTS% --add-modules jdk.incubator.vector -jar "%APP_HOME%\lib\tailor.jar" %*
