#!/bin/sh
ls /top /every /json /one-below /web-json /all > /tmp/listed
